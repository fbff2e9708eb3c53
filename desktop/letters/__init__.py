"""Decision letters: their data from the database, the templates in
``resources/letters/``, the PDF/A and DOCX files, the batch, the protocol and PEC.
The rules (kinds, path, which letter) are in ``desktop.domain.letters``."""
