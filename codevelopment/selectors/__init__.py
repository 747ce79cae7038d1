"""Reads of co-development, by topic, with their select_related/prefetch_related. Every read of a protected
record starts from a `visible_to(user)` queryset, so what a user may not see is a 404."""
