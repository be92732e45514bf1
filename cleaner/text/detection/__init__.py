"""Generic boilerplate detection on text, one idea a module (cleaner/text/detect.py runs them in order):

- words.py: what a line's words say (stopwords, vocabulary groups, phrases), through one lookup a word;
- shapes.py: the patterns and fast scans that read a line's shape (endings, markers, capitals);
- document.py: the facts of every line of a page (LineInfo);
- structures.py: the teaser lists, menus and comment threads lines form;
- features.py: a line's feature vector (LineFeatures);
- page.py: the page's (PageFeatures): how much it reads as an article;
- model.py: the shipped model (data/detect_model.json), checked, and its probabilities;
- decode.py: which lines stay (the main region, comments below, duplicates);
- naming.py: which detector a removed line is named after.

The words themselves are in cleaner/vocabulary.py.
"""
