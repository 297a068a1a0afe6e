"""The practice charter: the workshop's deliverable, its exports, and the read-only link."""
