"""Digital signatures (PAdES), QR codes and the public verification page of issued documents."""
