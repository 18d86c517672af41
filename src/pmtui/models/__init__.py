"""SQLModel tables and the rules that validate what a user types.

Importing the package imports no table: the app draws its first frame with pmtui.models.errors and
pmtui.models.vocabulary only, before SQLModel is loaded. pmtui.models.all_tables registers every
table on SQLModel.metadata, for what walks all of them (migrations, the journal, bulk copies).
"""
