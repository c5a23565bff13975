// Spravka page script: progressive enhancement only.
