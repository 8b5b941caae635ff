"""store capability of referentiel."""
