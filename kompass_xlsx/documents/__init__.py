"""The Word report draft (kompass report --docx): the only package that imports python-docx."""
