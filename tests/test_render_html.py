"""The Markdown → safe HTML renderer: sanitising and the link/media policy."""

from __future__ import annotations

import re

from reader.content.dokuwiki import to_markdown
from reader.render.html import render_html


class Policy:
    def page_known(self, page_id: str) -> bool:
        return page_id == "start"

    def media_url(self, media_id: str) -> str | None:
        return {"faq:logo.png": "data:image/png;base64,iVBORw0KGgo="}.get(media_id)


def test_script_and_event_handlers_are_removed() -> None:
    out = render_html(
        '<script>alert(1)</script><img src="x" onerror="alert(1)"> <b onclick="x">b</b>'
    )
    assert "<script" not in out and "onerror" not in out and "onclick" not in out


def test_javascript_link_never_survives() -> None:
    # DokuWiki reads it as an internal page id: harmless in-app link.
    out = render_html(to_markdown("[[javascript:alert(1)|x]]", "p").markdown)
    assert 'href="wiki:javascript:alert_1"' in out
    assert 'href="javascript' not in render_html("[x](javascript:alert(1))")


def test_remote_image_never_becomes_img() -> None:
    out = render_html(to_markdown("{{http://evil/x.png}}", "p").markdown)
    assert "<img" not in out
    assert "<img" not in render_html("![a](http://evil/x.png)")


def test_wiki_links_get_dokuwiki_classes() -> None:
    out = render_html("[a](wiki:start) [b](wiki:nope#x)", Policy())
    assert 'class="wikilink1"' in out and 'class="wikilink2"' in out
    assert 'href="wiki:nope#x"' in out


def test_media_images_use_policy_data_uri_and_missing_ones_show_caption() -> None:
    md = to_markdown("{{faq:logo.png|Logo}} {{faq:absent.png|Absent}}", "p").markdown
    out = render_html(md, Policy())
    assert 'src="data:image/png;base64,iVBORw0KGgo="' in out
    assert '<span class="media-missing">Absent</span>' in out


def test_data_uri_from_markdown_itself_is_not_accepted() -> None:
    out = render_html("![x](data:image/png;base64,AAAA)", Policy())
    assert "data:" not in out


def test_style_element_and_attribute_removed() -> None:
    out = render_html('<style>p{}</style><p style="color:red">t</p>')
    assert "<style" not in out and "style=" not in out


def test_renderer_never_raises_on_garbage() -> None:
    assert isinstance(render_html("\x00<<<>>>[[[" * 1000), str)


def test_long_text_spared_by_the_sanitiser_cannot_break_out_of_a_tag() -> None:
    crafted = (
        '<ul>\n<li><a title="x>' + "&amp;" * 100 + '" onclick="evil()<b>">y</a>'
        "<script>" + "&amp;" * 100 + "</script></li>\n</ul>"
    )
    out = render_html(crafted)  # a list block: the converter's subset, spared text and all
    assert re.search(r"<[^>]*\sonclick=", out) is None
    assert "<script" not in out and out.count("&amp;") == 100
