"""Writes of the influencer network, split by topic. Every function is `<entity>_<verb>(*, actor, ...)`,
atomic, checks its permission again, and writes an audit event in the same transaction."""
