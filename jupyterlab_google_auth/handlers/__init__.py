"""Tornado handlers of the server API, one concern per module; routes.py maps URLs to them."""
