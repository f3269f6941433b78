"""The newslint language server (``newslint lsp``): diagnostics and code actions over stdio.

Imported only by the ``lsp`` command, so pygls never slows down ``newslint check``.
"""
