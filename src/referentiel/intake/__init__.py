"""intake capability of referentiel."""
