"""
The old single app, `routines`, as it was before it was split into catalogue,
practice and accounts: its four migrations, unchanged, and what they need to
run, so that tests/test_migrate_from_routines.py can build a database as it
was then and migrate it to the project as it is now.
"""
