"""Programmes: one client's workshops grouped and seen side by side."""
