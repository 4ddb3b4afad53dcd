"""Word and Excel in and out: the documents of the cycle, the Excel summary, consolidation, imports."""
