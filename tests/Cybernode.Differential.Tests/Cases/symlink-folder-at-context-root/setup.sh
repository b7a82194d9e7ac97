ln -s sub linkdir
