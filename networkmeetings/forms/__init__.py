"""Forms of the network-meetings pages: they check the shape of input; services enforce the rules."""
