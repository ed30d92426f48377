"""Python side of the hubsleuth e2e harness (see ../hub.ts)."""
