"""Loading and validating content from ``resources/``: attributes, prompt sets, templates."""
