"""The browser editor for curators (make edit): its configuration, its YAML writer and its local server."""
