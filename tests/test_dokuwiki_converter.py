"""Unit tests of the DokuWiki → Markdown converter, one construct at a time."""

from __future__ import annotations

import re

from reader.content.dokuwiki import to_markdown
from reader.render.html import render_html


def html_of(text: str, page: str = "faq:livraison") -> str:
    return render_html(to_markdown(text, page).markdown)


def test_heading_levels_are_inverted_and_shifted_with_dokuwiki_anchor() -> None:
    md = to_markdown("====== Modes de livraison ======\n== Détail ==", "p", heading_shift=1)
    assert "## Modes de livraison {#modes_de_livraison}" in md.markdown
    assert "###### Détail {#detail}" in md.markdown


def test_repeated_heading_gets_unique_anchor_across_chunks() -> None:
    used: set[str] = set()
    to_markdown("==== Question ====", "p", used_anchors=used)
    second = to_markdown("==== Question ====", "p", used_anchors=used)
    assert "{#question1}" in second.markdown


def test_relative_link_resolves_to_namespace_like_dokuwiki() -> None:
    conv = to_markdown("[[faq-kit-durgence#les_modalites|x]] [[:start]] [[.:livraison]]", "faq:a")
    assert "(wiki:faq:faq-kit-durgence#les_modalites)" in conv.markdown
    assert conv.links == ("faq:faq-kit-durgence", "start", "faq:livraison")


def test_link_without_text_shows_last_id_part() -> None:
    assert ">Livraison</a>" in html_of("[[FAQ:Livraison]]")


def test_local_anchor_link_points_to_current_page() -> None:
    assert 'href="wiki:faq:livraison#image_links"' in html_of("[[#Image Links]]")


def test_interwiki_and_external_and_email_links() -> None:
    out = html_of("[[wp>Circuit_court|W]] http://x.org/a. <a@b.org> [[doku>faq:lists]]")
    assert 'href="https://en.wikipedia.org/wiki/Circuit_court"' in out
    assert 'href="http://x.org/a"' in out
    assert 'href="mailto:a@b.org"' in out
    assert "https://www.dokuwiki.org/faq%3Alists" in out


def test_formatting_becomes_html_tags() -> None:
    out = html_of("**b** //i// __u__ ''m'' <del>d</del> <sub>s</sub> <sup>p</sup>")
    for tag in ("strong", "em", "u", "code", "del", "sub", "sup"):
        assert f"<{tag}>" in out


def test_unclosed_bold_stays_literal_and_warns() -> None:
    conv = to_markdown("un **gras jamais fermé", "p")
    assert "**gras" in render_html(conv.markdown)
    assert any("unclosed" in w for w in conv.warnings)


def test_unclosed_link_stays_literal() -> None:
    assert "[[pas fermé" in html_of("[[pas fermé")


def test_table_rowspan_becomes_rowspan_attribute() -> None:
    out = html_of("^ a ^ b ^\n| 1 | x |\n| 2 | ::: |")
    assert 'rowspan="2"' in out
    assert out.count("<td") == 3


def test_table_colspan_and_alignment() -> None:
    out = html_of("^  centre  ^^\n|  droite| gauche  |")
    assert 'colspan="2"' in out and 'align="center"' in out
    assert 'align="right"' in out and 'align="left"' in out


def test_table_rows_are_as_wide_as_the_widest_and_text_after_the_last_bar_is_dropped() -> None:
    conv = to_markdown("^ a ^ b ^\n| 1 | 2 | 3 | 4 |\n| c", "p")  # as DokuWiki shows them
    out = render_html(conv.markdown)
    assert [len(re.findall("<t[dh][ >]", row)) for row in out.split("<tr>")[1:]] == [4, 4, 4]
    assert ">c<" not in out and conv.warnings


def test_table_cells_align_and_span_as_in_dokuwiki() -> None:
    out = html_of("^ h ^ h ^\n| ::: | x |\n|   |\tt|\n| a | b |\n| ::: |  c  |")
    assert "<td></td>" in out  # ':::' right under the header spans nothing
    assert '<td class="leftalign" align="left"></td>' in out  # blanks alone: left
    assert '<td class="rightalign" align="right">t</td>' in out  # one tab aligns
    assert '<td rowspan="2">a</td>' in out and 'align="center">c</td>' in out


def test_nested_lists_keep_their_nesting() -> None:
    out = html_of("  - un\n    * sous\n  - deux")
    assert out.index("<ol>") < out.index("<ul>") < out.index("deux")


def test_code_block_keeps_language_and_filename() -> None:
    conv = to_markdown("<code csv commandes.csv>\na;b\n</code>", "p")
    out = render_html(conv.markdown)
    assert 'class="language-csv"' in out and "commandes.csv" in out


def test_unclosed_code_stays_text_as_typed_and_warns() -> None:
    conv = to_markdown("avant\n<code>\n**gras** et <file>", "p")
    assert (
        render_html(conv.markdown)
        == "<p>avant &lt;code&gt; <strong>gras</strong> et &lt;file&gt;</p>"
    )
    assert conv.warnings


def test_code_tag_may_end_on_the_next_line() -> None:
    out = html_of("<code\npython [enable_line_numbers]\nexport.py>\nprint(1)\n</code>")
    assert '<pre><code class="language-python">print(1)' in out and "export.py" in out


def test_an_unclosed_code_tag_does_not_hide_the_headings_after_it() -> None:
    from reader.content.outline import build_page

    page = build_page(
        "p", "====== P ======\n===== S =====\n==== Q1 ====\n<code>\n==== Q2 ====\nfin"
    )
    assert [q.title for q in page.questions()] == ["Q1", "Q2"]
    indented = build_page("p", "===== S =====\n==== Q1 ====\n  ==== pas un titre ====")
    assert [q.title for q in indented.questions()] == ["Q1"]


def test_footnotes_become_markdown_footnotes() -> None:
    out = html_of("Texte((note **forte**)) et encore((note **forte**)).")
    assert out.count('class="footnote-ref"') == 2
    assert out.count("<li id=") == 1  # identical footnotes are shared, as in DokuWiki


def test_nowiki_and_percent_keep_markup_literal() -> None:
    out = html_of("%%**a**%% <nowiki>//b//</nowiki>")
    assert "**a**" in out and "//b//" in out


def test_html_and_php_are_shown_as_code() -> None:
    conv = to_markdown("<html><script>alert(1)</script></html>", "p")
    out = render_html(conv.markdown)
    assert "<script" not in out and "&lt;script&gt;" in out


def test_typography_entities_and_quotes() -> None:
    out = html_of('a -> b (c) 640x480 "cité"...')
    assert "→" in out and "©" in out and "640×480" in out and "“cité”…" in out


def test_media_resolves_against_namespace_with_size_and_alignment() -> None:
    conv = to_markdown("{{ schema.svg?200x50 |Schéma}}", "faq:livraison")
    assert conv.media == ("faq:schema.svg",)
    assert 'src="media:faq:schema.svg"' in conv.markdown
    assert 'class="mediacenter"' in conv.markdown and 'width="200"' in conv.markdown


def test_non_image_media_is_a_link_and_external_image_is_a_link() -> None:
    conv = to_markdown("{{doc.pdf|Notice}} {{https://e.org/x.png|X}}", "faq:a")
    assert "media:faq:doc.pdf" in conv.markdown
    out = render_html(conv.markdown)
    assert "<img" not in out and 'href="https://e.org/x.png"' in out


def test_markdown_special_characters_stay_text() -> None:
    out = html_of("# pas titre *pas em* [pas lien](x) `pas code`\n\n- pas liste\n\n1. non")
    assert "<h1" not in out and "<em>" not in out and "<a" not in out and "<li" not in out


def test_plugin_markup_loses_tags_keeps_text_and_warns() -> None:
    conv = to_markdown("<WRAP center>dedans</WRAP> ~~DISCUSSION~~ {{rss>http://f.org/r}}", "p")
    out = render_html(conv.markdown)
    assert "dedans" in out and "WRAP" not in out and "DISCUSSION" not in out
    assert len(conv.warnings) >= 3


def test_quotes_nest() -> None:
    out = html_of("> un\n>> deux")
    assert out.count("<blockquote>") == 2


def test_notoc_removed_and_linebreak_and_rule() -> None:
    out = html_of("~~NOTOC~~\nun\\\\ deux\n\n----")
    assert "NOTOC" not in out and "<br>" in out and "<hr>" in out


def test_bad_inputs_never_raise() -> None:
    for text in ["", "\r\n\r\n", "\x00\ue000\ue002", "  " * 60 + "* x", "((", "{{", "|"]:
        to_markdown(text, "p")
    deep = "\n".join("  " * (i + 1) + "* niveau" for i in range(50))
    assert render_html(to_markdown(deep, "p").markdown).count("<ul>") == 50


def test_five_megabytes_of_text_converts() -> None:
    chunk = "==== Q ====\nTexte **gras** [[lien]] //it// ((note)) | x |\n  * item\n\n"
    conv = to_markdown(chunk * (5_000_000 // len(chunk)), "p")
    assert len(conv.markdown) > 1_000_000


def test_www_links_urls_and_multiplications_in_running_text() -> None:
    md = to_markdown("voir www.cagette.net, ftp.ex.org/a ou http://x.org/b ; 3x4 et 10X20", "p")
    assert "[www.cagette.net](http://www.cagette.net)," in md.markdown
    assert "[ftp.ex.org/a](ftp://ftp.ex.org/a)" in md.markdown
    assert "[http://x.org/b](http://x.org/b) ;" in md.markdown
    assert "3×4 et 10×20" in md.markdown


def test_data_uris_and_local_files_show_their_label_and_are_not_media() -> None:
    conv = to_markdown("{{data:image/gif;base64,R0lGOD|Plan}} {{file:/home/a/b.pdf}}", "faq:a")
    assert conv.media == ()
    out = render_html(conv.markdown)
    assert '<span class="media-missing">Plan</span>' in out
    assert '<span class="media-missing">b.pdf</span>' in out


def test_a_blank_line_between_quoted_lines_starts_a_new_quote() -> None:
    out = html_of("> Non\n\n> Si\n>> Vraiment ?\n> Oui")
    assert out == (
        "<blockquote>Non</blockquote>\n\n"
        "<blockquote>Si<blockquote>Vraiment ?</blockquote>Oui</blockquote>"
    )


def test_a_quote_opening_deep_opens_every_level() -> None:
    assert html_of(">>> profond\n> haut").count("<blockquote>") == 3


def test_www_is_a_link_only_at_a_word_start_and_in_lower_case_as_in_dokuwiki() -> None:
    md = to_markdown(
        "C:\\www.a.fr\\x /srv/www.a.fr/y WWW.a.fr www.exemple (www.a.fr)", "p"
    ).markdown
    assert md.count("](http://") == 1 and "([www.a.fr](http://www.a.fr))" in md


def test_windows_shares_are_links_the_system_opens() -> None:
    out = html_of("[[\\\\serveur\\partage commun|Partage]] et \\\\nas\\photos")
    assert '<a href="file://serveur/partage%20commun">Partage</a>' in out
    assert '<a href="file://nas/photos">\\\\nas\\photos</a>' in out


def test_a_line_right_after_a_list_table_or_quote_starts_no_block_as_in_dokuwiki() -> None:
    assert html_of("  * a\n| x |") == "<ul>\n<li>a\n</li>\n</ul>\n\n<p>| x |</p>"
    assert html_of("| x |\n  * a").endswith("<p>* a</p>")
    assert html_of("> q\n----").endswith("<p>—-</p>")  # "---" then "-", as in DokuWiki
    assert html_of("  * a\n\n----").endswith("<hr>")
    assert html_of("  pre\n  * a") == "<pre><code>pre\n* a\n</code></pre>"


def test_an_rss_feed_is_a_link_to_the_feed() -> None:
    conv = to_markdown("{{rss>http://exemple.org/flux.rss 5 author date 1h }}", "p")
    assert render_html(conv.markdown) == (
        '<p><a href="http://exemple.org/flux.rss">http://exemple.org/flux.rss</a></p>'
    )
    assert conv.warnings


def test_a_footnote_over_several_lines_holds_lists_code_and_paragraphs() -> None:
    text = (
        "Voir((Deux cas :\n  * commande\n  * livraison\n\nEt le code :\n<code>\na = 1\n</code>\n))"
        " et la suite((sur\ndeux lignes))."
    )
    out = html_of(text)
    note = out.partition('<div class="footnote">')[2]
    assert "<ul><li>commande</li><li>livraison</li></ul>" in note
    assert "<pre><code>a = 1</code></pre>" in note and "Et le code :" in note
    assert "sur deux lignes" in note and out.count('class="footnote-ref"') == 2
    assert out.startswith("<p>Voir<sup") and "et la suite<sup" in out


def test_formatting_around_a_footnote_and_a_footnote_inside_formatting_hold() -> None:
    out = html_of("**gras ((note **forte**)) encore gras** et ((a)) b))")
    assert out.startswith("<p><strong>gras <sup")
    assert "encore gras</strong> et <sup" in out and "b))" in out


def test_a_link_runs_to_the_first_closing_brackets_as_in_dokuwiki() -> None:
    out = html_of("[[start et un autre [[start]] puis [[nulle>part]]")
    assert out.count("<a ") == 1 and ">start et un autre [[start</a>" in out
    assert out.endswith("puis part</p>")  # an unknown interwiki shows its name, unlinked


def test_empty_links_and_media_and_mail_targets_read_as_in_dokuwiki() -> None:
    out = html_of("[[]] {{}} [[mailto:a@b.fr]]", "faq:livraison")
    assert out == (
        '<p><a href="wiki:faq:livraison" class="wikilink1">livraison</a> {{}} '
        '<a href="mailto:a@b.fr">mailto:a@b.fr</a></p>'
    )
