// Intentionally empty: lets a stage library exist before it has sources.
