"""The building blocks every stage reads and writes text with: pandoc, its AST, HTML trees."""

import re

# A link or a stylesheet reference that names a scheme (http:, file:, data:, javascript:...) is a URL.
URL_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
