"""Workbook writers; the only package that imports XlsxWriter."""
