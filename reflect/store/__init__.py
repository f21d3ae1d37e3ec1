"""The encrypted vault: key envelope, SQLCipher engine, tables, full-text search, migrations.

This is the only package that speaks SQL.
"""
