"""The agency pulse: three to five statements on customer agency, each rated 1–5 by every
phone, before the stories and again at a follow-up or a check-in, so the change shows."""
