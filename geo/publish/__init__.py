"""The published site: the reviewed material of one view, written as static files any web server serves.

``contents`` numbers what a view holds; ``payload`` writes the page's starting data, ``claims`` the
places' claims, ``search`` the search index; ``pages`` makes the HTML pages, ``assets`` gathers the
browser's files, ``downloads`` the view's exports; ``site`` puts them together, into a folder (by way
of ``folder``, which replaces a previous site whole) or a zip. FORMAT.md is the contract with the page.
"""
