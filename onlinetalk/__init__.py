"""Minsheng Online (民生在线): a Wagtail extension for live online sessions between a city's
department leaders and its citizens."""
