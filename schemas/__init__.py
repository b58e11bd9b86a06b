"""newslint's JSON Schemas: the article front matter and the JSON report."""
