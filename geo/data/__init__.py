"""Data folders read and written (the only code that touches them), their problems, and export."""
