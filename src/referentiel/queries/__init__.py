"""queries capability of referentiel."""
