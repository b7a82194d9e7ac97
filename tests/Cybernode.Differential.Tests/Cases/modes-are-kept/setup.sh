chmod 600 sub/private
chmod 750 sub/tool
chmod 4755 sub/setuid
chmod 700 sub/locked
chmod 1777 sub
