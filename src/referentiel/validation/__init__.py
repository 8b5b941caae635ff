"""validation capability of referentiel."""
