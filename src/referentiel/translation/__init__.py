"""translation capability of referentiel."""
