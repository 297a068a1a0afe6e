"""Built-in content for the "From object to subject" (Objektista subjektiksi) workshop.

Good service turns the customer from object to subject: it strengthens the customer's own
agency instead of processing them. ``CONTENT`` holds, per language (``fi``, ``en``), the
design's name, the projector's lobby welcome, the lobby's texts, the steps of its plan (each
names its activity, with the projector and phone instructions and the suggested length in
minutes), and example service stories with an
object/subject reading. The two languages tell the same stories. Plain text only, no markup.
"""

from __future__ import annotations

from .builtin_en import CONTENT_EN
from .builtin_fi import CONTENT_FI

CONTENT: dict[str, dict] = {"fi": CONTENT_FI, "en": CONTENT_EN}
