status --today=2026-11-23 -C ws
