"""Judges of the hidden checks, one module per assignment; these modules never enter the student's process."""
