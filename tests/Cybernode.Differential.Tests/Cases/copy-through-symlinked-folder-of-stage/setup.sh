mkdir links
ln -s /real links/link
