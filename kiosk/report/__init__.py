"""The attendance report: Excel, CSV and PDF exports."""
