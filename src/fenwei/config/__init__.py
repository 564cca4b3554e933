"""Configuration: process settings (environment) and, later, community YAML."""

from fenwei.config.settings import Settings, database_url

__all__ = ["Settings", "database_url"]
