"""The Help menu: About (version, licence, where files live, notices, diagnostics) and a
short page on Markdown and shortcuts."""
