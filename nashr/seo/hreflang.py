from nashr.editions.editions import all_editions


def hreflang_links(urls):
    """[(hreflang, absolute URL)] from {language code: absolute URL}: editions in settings order, then
    x-default, which is the version in the first edition that has one. Every version of a piece gets the
    same list, so the links are reciprocal.
    """
    links = [(edition.code, urls[edition.code]) for edition in all_editions() if edition.code in urls]
    if links:
        links.append(("x-default", links[0][1]))
    return links
