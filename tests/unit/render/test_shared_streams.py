"""A large stream every part repeats (the colour profile) is deflated once, to the very bytes pydyf writes."""

import io
import random

from edition.render.weasyprint import weasy


def _pdf(content: bytes, ahead: bool) -> bytes:
    import pydyf

    pdf = pydyf.PDF()
    pdf.add_object(pydyf.Stream([content], pydyf.Dictionary({"N": 4}), compress=True))
    if ahead:
        weasy._deflate_shared(pdf)
    out = io.BytesIO()
    pdf.write(out, identifier=b"x")
    return out.getvalue()


def test_deflated_ahead_the_pdf_is_byte_identical():
    rng = random.Random(1)
    content = bytes(rng.choice(b"ICC profile data ") for _ in range(weasy.SHARED_STREAM + 1000))
    assert _pdf(content, ahead=True) == _pdf(content, ahead=False)


def test_a_small_stream_is_left_to_pydyf():
    import pydyf

    pdf = pydyf.PDF()
    stream = pydyf.Stream([b"q Q"], compress=True)
    pdf.add_object(stream)
    weasy._deflate_shared(pdf)
    assert stream.compress and stream.stream == [b"q Q"]


def test_each_content_is_deflated_once():
    weasy.deflated.cache_clear()
    content = b"x" * weasy.SHARED_STREAM
    for _ in range(3):
        _pdf(content, ahead=True)
    assert weasy.deflated.cache_info().misses == 1
