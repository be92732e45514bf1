"""Generic boilerplate detection on text, one idea a module (cleaner/detect.py runs them in order):

- words.py: what a line's words say (stopwords, vocabulary groups, phrases), through one lookup a word;
- shapes.py: the patterns and fast scans that read a line's shape (endings, markers, capitals);
- document.py: the facts of every line of a page (LineInfo), and the structures around them;
- features.py: a line's feature vector (LineFeatures) and the page's (PageFeatures);
- model.py: the shipped model (data/detect_model.json), checked, and its probabilities;
- decode.py: which lines stay (the main region, comments below, duplicates);
- naming.py: which detector a removed line is named after.
"""
