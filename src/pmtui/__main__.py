from pmtui.cli import main

main()
