"""ontology capability of referentiel."""
