"""Pages of the influencer network, a module per topic."""
