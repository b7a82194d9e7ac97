ln -s real tree/app
