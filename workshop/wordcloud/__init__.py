"""The word-cloud warm-up: phones send up to three words, the projector draws the cloud."""
