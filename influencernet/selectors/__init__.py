"""Reads of the influencer network with their select_related/prefetch_related."""
