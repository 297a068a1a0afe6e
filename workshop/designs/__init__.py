"""Workshop designs: the built-in "From object to subject" template and saved ones."""
