from pmtui.launch import main

main()
